"""Who may use each route, app by app. Each module here declares

* ``ROUTES``: URL name → {HTTP method → access level};
* ``KWARGS``: URL name → the URL keyword arguments it needs (routes under an organization that
  need only ``org_slug`` may be left out);
* ``kwarg_values(world)``: values for the keyword arguments its routes use (it may create the
  objects they point at in the test world).

tests/integration/test_route_matrix.py merges them and walks every URL pattern.
"""

PUBLIC = "public"  # anyone, signed in or not
SIGNED_IN = "signed_in"  # any account; not tied to an organization
MEMBER = "member"  # members of the organization in the URL
ORGANIZER = "organizer"  # organizers of the organization in the URL
# A member's own object (e.g. their calendar address): its owner may use it; anyone else,
# organizers included, is refused (403 or 404) — organizers get no hidden powers over it.
OWNER = "owner"
