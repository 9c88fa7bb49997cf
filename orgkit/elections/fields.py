"""A ballot's ranking as one column: ``integer[]`` on PostgreSQL, JSON text elsewhere.

Storing the whole ranking in one row (not one row per preference) keeps a ballot atomic and
lets the count group identical rankings with one SQL ``GROUP BY``. SQLite has no arrays, so
there the same list is kept as compact JSON text, which groups just as well (equal lists give
equal text).
"""

from __future__ import annotations

import json

from django.db import models


class RankingField(models.Field):
    """A list of positive integers (candidate or slate ids, most preferred first)."""

    description = "A ranking: a list of integers"

    def db_type(self, connection) -> str:
        if connection.vendor == "postgresql":
            return "integer[]"
        return "text"

    def get_prep_value(self, value):
        if value is None:
            return None
        return [int(v) for v in value]

    def get_db_prep_value(self, value, connection, prepared=False):
        value = value if prepared else self.get_prep_value(value)
        if value is None or connection.vendor == "postgresql":
            return value
        return json.dumps(value, separators=(",", ":"))

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        if isinstance(value, str):
            return json.loads(value)
        return list(value)

    def to_python(self, value):
        if value is None or isinstance(value, list):
            return value
        if isinstance(value, str):
            return json.loads(value)
        return list(value)
