"""Response headers Django has no setting for."""

from __future__ import annotations

from django.conf import settings


class PermissionsPolicyMiddleware:
    """Send ``Permissions-Policy`` (``ORGKIT_PERMISSIONS_POLICY``) on every response that does
    not already carry one: orgkit needs no camera, microphone, location or payment API, so
    neither do its pages nor anything they might embed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "ORGKIT_PERMISSIONS_POLICY", "")
        if policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = policy
        return response
