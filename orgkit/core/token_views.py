"""The API's sign-in and sign-out: make a token with email and password, revoke it.

Sign-in goes through ``django.contrib.auth.authenticate`` with the request, so django-axes
counts failures and refuses locked-out accounts and addresses here exactly as on the sign-in
page (orgkit/core/lockout.py).
"""

from __future__ import annotations

from django.contrib.auth import authenticate, user_logged_in
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from knox.models import AuthToken
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from orgkit.core.lockout import lockout_response
from orgkit.core.tokens import api_token_create, api_token_revoke, api_tokens_revoke_all


class TokenRequestSerializer(serializers.Serializer):
    email = serializers.CharField(
        required=False, max_length=254, help_text=_("Your account's email address.")
    )
    username = serializers.CharField(
        required=False, max_length=254, help_text=_("The same as email (older clients send this).")
    )
    password = serializers.CharField(
        max_length=4096, trim_whitespace=False, style={"input_type": "password"}
    )

    def validate(self, attrs):
        login = (attrs.get("email") or attrs.get("username") or "").strip()
        if not login:
            raise serializers.ValidationError({"email": [gettext("Enter your email address.")]})
        attrs["login"] = login
        return attrs


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField(help_text=_("Send it as `Authorization: Token <token>`."))
    expiry = serializers.DateTimeField(help_text=_("When the token stops working."))


LOCKED_OUT = OpenApiResponse(
    description=_("Too many failed sign-ins for this account or from this address."),
    response=inline_serializer(
        "LockedOut", {"detail": serializers.CharField(), "code": serializers.CharField()}
    ),
)


class TokenCreateView(APIView):
    """``POST /api/v1/auth/token/``: email and password in, a new token and its expiry out."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        request=TokenRequestSerializer,
        responses={200: TokenResponseSerializer, 400: OpenApiResponse(), 429: LOCKED_OUT},
        auth=[],
    )
    def post(self, request):
        data = TokenRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = authenticate(
            request=request,
            username=data.validated_data["login"],
            password=data.validated_data["password"],
        )
        if user is None:
            if getattr(request, "axes_locked_out", False):
                return lockout_response(request._request)
            return Response(
                {"non_field_errors": [gettext("Unable to sign in with that email and password.")]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        instance, token = api_token_create(user=user)
        # As a sign-in through the page would: records last_login, clears the failure count.
        user_logged_in.send(sender=user.__class__, request=request, user=user)
        return Response(
            TokenResponseSerializer({"token": token, "expiry": instance.expiry}).data,
            status=status.HTTP_200_OK,
        )


class TokenLogoutView(APIView):
    """``POST /api/v1/auth/logout/``: revoke the token this request was made with."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={204: None, 400: OpenApiResponse()})
    def post(self, request):
        if not isinstance(request.auth, AuthToken):
            return Response(
                {
                    "detail": gettext(
                        "Send the token to revoke in the Authorization header "
                        "(or use /api/v1/auth/logout-all/)."
                    )
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        api_token_revoke(token=request.auth)
        return Response(status=status.HTTP_204_NO_CONTENT)


class TokenLogoutAllView(APIView):
    """``POST /api/v1/auth/logout-all/``: revoke every API token of the caller."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=None,
        responses={
            200: inline_serializer("TokensRevoked", {"revoked": serializers.IntegerField()})
        },
    )
    def post(self, request):
        return Response({"revoked": api_tokens_revoke_all(user=request.user)})
