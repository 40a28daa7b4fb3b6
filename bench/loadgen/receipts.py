"""The per-message CSVs of a bench/loadgen/run.sh run (deliveries, receipts, control: header, then
message,receiver,microseconds), read by run.sh's row and by tail.py."""


def first(path):
    """(message, receiver) -> the first timestamp in microseconds; later duplicates are ignored."""
    seen = {}
    with open(path) as f:
        next(f)
        for line in f:
            m, r, us = line.rstrip("\n").split(",")
            seen.setdefault((m, r), int(us))
    return seen
