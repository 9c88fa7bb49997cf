"""Pages under /o/<org_slug>/elections/ (namespace "elections")."""

from django.urls import path

from orgkit.elections import views, views_delegates, views_import, views_protests, views_sheet

app_name = "elections"

one = "<id:election_id>/"

urlpatterns = [
    path("", views.ElectionListView.as_view(), name="list"),
    path("new/", views.ElectionCreateView.as_view(), name="create"),
    path("import/", views_import.ElectionImportView.as_view(), name="import"),
    path(
        one + "imported/recount/", views_import.ImportRecountView.as_view(), name="import-recount"
    ),
    path(one, views.ElectionDetailView.as_view(), name="detail"),
    path(one + "edit/", views.ElectionEditView.as_view(), name="edit"),
    path(one + "move/", views.ElectionMoveView.as_view(), name="move"),
    path(one + "notice/", views.NoticeView.as_view(), name="notice"),
    path(one + "cancel/", views.ElectionCancelView.as_view(), name="cancel"),
    path(one + "nominate/", views.NominateView.as_view(), name="nominate"),
    path(
        one + "candidates/<id:candidate_id>/second/",
        views.CandidateActionView.as_view(action="second"),
        name="candidate-second",
    ),
    path(
        one + "candidates/<id:candidate_id>/consent/",
        views.CandidateActionView.as_view(action="consent"),
        name="candidate-consent",
    ),
    path(
        one + "candidates/<id:candidate_id>/withdraw/",
        views.CandidateActionView.as_view(action="withdraw"),
        name="candidate-withdraw",
    ),
    path(one + "vote/", views.BallotView.as_view(), name="vote"),
    path(one + "results/", views.ResultsView.as_view(), name="results"),
    path(
        one + "results/sheet.<str:sheet_format>",
        views_sheet.ResultSheetView.as_view(),
        name="result-sheet",
    ),
    path(one + "results/<str:table>.csv", views_sheet.ResultsCSVView.as_view(), name="results-csv"),
    path(one + "results/recount/", views.RecountView.as_view(), name="recount"),
    path(one + "receipts/", views.ReceiptsView.as_view(), name="receipts"),
    path(one + "who-voted/", views.WhoVotedView.as_view(), name="who-voted"),
    path(one + "ballots.<str:fmt>", views.BallotsDownloadView.as_view(), name="ballots-download"),
    path(one + "protests/", views_protests.ProtestLodgeView.as_view(), name="protest-lodge"),
    path(
        one + "protests/<id:protest_id>/answer/",
        views_protests.ProtestAnswerView.as_view(),
        name="protest-answer",
    ),
    path(
        one + "candidates/<id:candidate_id>/observers/",
        views_protests.ObserverAddView.as_view(),
        name="observer-add",
    ),
    path(one + "log/", views_protests.ElectionLogView.as_view(), name="log"),
    path(one + "seat/", views_delegates.SeatDelegatesView.as_view(), name="seat-delegates"),
    path("apportion/", views_delegates.ApportionView.as_view(), name="apportion"),
    path(
        "apportionments/<id:apportionment_id>/",
        views_delegates.ApportionmentDetailView.as_view(),
        name="apportionment",
    ),
]
