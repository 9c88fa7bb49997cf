"""orgkit's counting engine: a pure-Python core (no Django) for STV, list PR and apportionment.

STV: :func:`orgkit.elections.counting.stv.count_stv` over an
:class:`~orgkit.elections.counting.ballots.Election` (read one with
:mod:`~orgkit.elections.counting.blt` or :mod:`~orgkit.elections.counting.csvballots`).
Command line: ``python -m orgkit.elections.counting stv|apportion ...``.
"""
