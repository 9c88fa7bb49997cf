"""Single transferable vote: Scottish STV, WIGM and Meek presets over one data model."""

from .presets import PRESETS, RULES, count_stv

__all__ = ["PRESETS", "RULES", "count_stv"]
