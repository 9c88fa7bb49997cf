"""Pages under /o/<org_slug>/rotations/ (namespace \"rotations\")."""

app_name = "rotations"

urlpatterns: list = []
