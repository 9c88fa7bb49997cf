"""Pages under /o/<org_slug>/decisions/ (namespace "decisions")."""

from django.urls import path

from orgkit.decisions import views, views_motions, views_record

app_name = "decisions"

meeting = "meetings/<id:meeting_id>/"
motion = "motions/<id:motion_id>/"
report = "reports/<id:report_id>/"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("policy/", views.PolicyView.as_view(), name="policy"),
    path("verify/", views_record.VerifyView.as_view(), name="verify"),
    path("offices/", views.OfficesView.as_view(), name="offices"),
    path("offices/<id:assignment_id>/resign/", views.ResignView.as_view(), name="resign"),
    path("meetings/new/", views.MeetingCreateView.as_view(), name="meeting-create"),
    path(meeting, views.MeetingDetailView.as_view(), name="meeting"),
    path(meeting + "move/", views.MeetingMoveView.as_view(), name="meeting-move"),
    path(meeting + "state/", views.MeetingStateView.as_view(), name="meeting-state"),
    path(meeting + "agenda/", views.AgendaProposeView.as_view(), name="agenda-propose"),
    path(meeting + "minutes.<str:file_format>", views_record.MinutesView.as_view(), name="minutes"),
    path("motions/new/", views_motions.MotionCreateView.as_view(), name="motion-create"),
    path(motion, views_motions.MotionDetailView.as_view(), name="motion"),
    path(motion + "second/", views_motions.MotionSecondView.as_view(), name="second"),
    path(motion + "room-vote/", views_motions.RoomVoteView.as_view(), name="room-vote"),
    path(motion + "open-voting/", views_motions.OpenVotingView.as_view(), name="open-voting"),
    path(motion + "vote/", views_motions.VoteView.as_view(), name="vote"),
    path(motion + "extend/", views_motions.ExtendView.as_view(), name="extend"),
    path(motion + "publish/", views_motions.PublishView.as_view(), name="publish"),
    path(motion + "reports/", views_motions.ReportFileView.as_view(), name="report-file"),
    path(motion + "appeal/", views_motions.AppealFileView.as_view(), name="appeal-file"),
    path(motion + "correct/", views_motions.CorrectView.as_view(), name="correct"),
    path(motion + "record.<str:file_format>", views_record.RecordFileView.as_view(), name="record"),
    path(report + "cosign/", views_motions.CosignView.as_view(), name="report-cosign"),
    path(report + "rejoinder/", views_motions.RejoinderView.as_view(), name="report-rejoinder"),
    path(
        "appeals/<id:appeal_id>/move/", views_motions.AppealMoveView.as_view(), name="appeal-move"
    ),
]
