"""Pages under /o/<org_slug>/elections/ (namespace \"elections\")."""

app_name = "elections"

urlpatterns: list = []
