"""The API's one pagination class: ``?limit=`` and ``?offset=`` with a cap.

DRF's ``LimitOffsetPagination`` has no ``max_limit`` by default, so ``?limit=10**20`` asked the
database for that many rows (a 500 on PostgreSQL: "bigint out of range"), and junk values were
silently replaced. Here a limit above :data:`MAX_LIMIT` is lowered to it, and a limit or offset
that is not a whole number in range is a 400 that says what is allowed.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination

from orgkit.core.bounds import MAX_BIGINT

#: The most rows one page of any list endpoint returns (docs/api.md says so).
MAX_LIMIT = 200


def _digits(text: str) -> bool:
    return bool(text) and text.isascii() and text.isdigit()


class CappedLimitOffsetPagination(LimitOffsetPagination):
    """``limit`` 1…MAX_LIMIT (larger values are lowered to the cap); ``offset`` 0…2**63-1."""

    max_limit = MAX_LIMIT

    def get_limit(self, request):
        raw = request.query_params.get(self.limit_query_param)
        if raw is None or raw.strip() == "":
            return self.default_limit
        raw = raw.strip()
        # A very long number is just "as many as you give me": the cap. (It is not converted:
        # int() of a number over 4,300 digits is itself an error.)
        if _digits(raw) and len(raw) > 18:
            return self.max_limit
        if not _digits(raw) or int(raw) < 1:
            raise ValidationError(
                {
                    self.limit_query_param: [
                        _("Give a whole number of at least 1 (at most %(max)d are returned).")
                        % {"max": self.max_limit}
                    ]
                }
            )
        return min(int(raw), self.max_limit)

    def get_offset(self, request):
        raw = request.query_params.get(self.offset_query_param)
        if raw is None or raw.strip() == "":
            return 0
        raw = raw.strip()
        if not _digits(raw) or len(raw) > 19 or int(raw) > MAX_BIGINT:
            raise ValidationError(
                {
                    self.offset_query_param: [
                        _("Give a whole number from 0 to %(max)d.") % {"max": MAX_BIGINT}
                    ]
                }
            )
        return int(raw)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.limit_query_param:
                parameter["schema"]["minimum"] = 1
                parameter["description"] = _(
                    "Number of results to return per page (at most %(max)d)."
                ) % {"max": self.max_limit}
            elif parameter["name"] == self.offset_query_param:
                parameter["schema"]["minimum"] = 0
                parameter["schema"]["maximum"] = MAX_BIGINT
        return parameters
