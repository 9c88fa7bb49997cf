"""Health API shapes (read-only)."""

from __future__ import annotations

from rest_framework import serializers


class RecordOut(serializers.Serializer):
    label = serializers.CharField()
    url = serializers.CharField(help_text="the page of the record, under `/o/{org_slug}/`")


class PanelOut(serializers.Serializer):
    key = serializers.CharField(help_text="a–k, decades or skills")
    title = serializers.CharField()
    status = serializers.ChoiceField(choices=["ok", "watch", "alert", "no-data"])
    figure = serializers.CharField()
    details = serializers.ListField(child=serializers.CharField())
    explanation = serializers.CharField(help_text="how the figure is computed, in one sentence")
    thresholds = serializers.CharField()
    records = RecordOut(many=True)
    trend_values = serializers.ListField(
        child=serializers.FloatField(allow_null=True),
        help_text="the figure at each of the last twelve month-ends, oldest first",
    )
    trend_label = serializers.CharField()
    needs = serializers.CharField(help_text="the app a check is waiting for, if any")


class HealthOut(serializers.Serializer):
    counts = serializers.DictField(child=serializers.IntegerField())
    panels = PanelOut(many=True)
