"""Pages under /o/<org_slug>/case-studies/ (namespace "casestudies")."""

from django.urls import path

from orgkit.casestudies import views

app_name = "casestudies"

urlpatterns = [
    path("", views.CaseStudyListView.as_view(), name="list"),
    path("notes/<slug:key>/dismiss/", views.PromptDismissView.as_view(), name="prompt-dismiss"),
    path("<slug:study_slug>/", views.CaseStudyDetailView.as_view(), name="detail"),
]
