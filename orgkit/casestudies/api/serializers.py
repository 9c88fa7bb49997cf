"""Case-study API shapes (read-only)."""

from __future__ import annotations

from rest_framework import serializers

from orgkit.casestudies.models import CaseStudy


class FigureOut(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()


class SourceOut(serializers.Serializer):
    text = serializers.CharField()
    note = serializers.CharField()


class CaseStudyOut(serializers.ModelSerializer):
    date = serializers.CharField(source="date_label")
    tactics = serializers.ListField(child=serializers.CharField())
    themes = serializers.ListField(child=serializers.CharField())
    figures = FigureOut(many=True)
    sources = SourceOut(many=True)
    questions = serializers.ListField(child=serializers.CharField())

    class Meta:
        model = CaseStudy
        fields = [
            "slug",
            "position",
            "title",
            "date",
            "place",
            "account",
            "tactics",
            "themes",
            "figures",
            "safeguard",
            "sources",
            "questions",
            "replay",
        ]
