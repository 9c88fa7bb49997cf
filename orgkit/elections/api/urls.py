"""API routes under /api/v1/ for elections (names join the "api" namespace)."""

from django.urls import path

from orgkit.elections.api import auditor, imports, views, views_checks

one = "orgs/<slug:org_slug>/elections/<id:election_id>/"

urlpatterns = [
    path("orgs/<slug:org_slug>/elections/", views.ElectionListAPI.as_view(), name="election-list"),
    path(
        "orgs/<slug:org_slug>/elections/import/",
        imports.ElectionImportAPI.as_view(),
        name="election-import",
    ),
    path(one, views.ElectionDetailAPI.as_view(), name="election-detail"),
    path(one + "ballots/", imports.ElectionBallotsAPI.as_view(), name="election-ballot-data"),
    path(
        one + "imported/recount/",
        imports.ImportRecountAPI.as_view(),
        name="election-import-recount",
    ),
    path(one + "move/", views.ElectionMoveAPI.as_view(), name="election-move"),
    path(one + "cancel/", views.ElectionCancelAPI.as_view(), name="election-cancel"),
    path(one + "candidates/", views.CandidateListAPI.as_view(), name="election-candidates"),
    path(
        one + "candidates/<id:candidate_id>/consent/",
        views.CandidateConsentAPI.as_view(),
        name="election-candidate-consent",
    ),
    path(one + "vote/", views.VoteAPI.as_view(), name="election-vote"),
    path(one + "results/", views.ResultsAPI.as_view(), name="election-results"),
    path(
        one + "results/sheet.<str:sheet_format>",
        auditor.ResultSheetAPI.as_view(),
        name="election-result-sheet",
    ),
    path(
        one + "results/<str:table>.csv",
        auditor.ResultsCSVAPI.as_view(),
        name="election-results-csv",
    ),
    path(one + "ballots.<str:fmt>", auditor.BallotsAPI.as_view(), name="election-ballots"),
    path(one + "receipts/", views.ReceiptsAPI.as_view(), name="election-receipts"),
    path(one + "notice/", views_checks.NoticeAPI.as_view(), name="election-notice"),
    path(one + "protests/", views_checks.ProtestListAPI.as_view(), name="election-protests"),
    path(
        one + "protests/<id:protest_id>/answer/",
        views_checks.ProtestAnswerAPI.as_view(),
        name="election-protest-answer",
    ),
    path(one + "who-voted/", views_checks.WhoVotedAPI.as_view(), name="election-who-voted"),
    path(one + "seat/", views_checks.SeatDelegatesAPI.as_view(), name="election-seat"),
    path(
        "orgs/<slug:org_slug>/apportionments/",
        views_checks.ApportionmentListAPI.as_view(),
        name="election-apportionments",
    ),
]
