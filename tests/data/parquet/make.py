"""The tiny Parquet files of tests/it/check_parquet_types.rs whose types polars does not
write (uint8, float16, a time zone of +05:30, decimal256, large_string, a dictionary of
integers, durations): made with pyarrow 26 (`python make.py` in this folder).

Each file is one table of three visits (V1 to V3, or 101 to 103) or their lines, in
September 2026, for clients C1 and C2 (1 and 2 where the ids are integers)."""

import datetime as dt
import decimal

import pyarrow as pa
import pyarrow.parquet as pq

D = decimal.Decimal
DAYS = [dt.date(2026, 9, 15), dt.date(2026, 9, 20), dt.date(2026, 9, 30)]
STAMPS = [dt.datetime(2026, 9, 15, 10, 0), dt.datetime(2026, 9, 20, 12, 0), dt.datetime(2026, 9, 30, 18, 0)]


def visits(**over):
    t = {
        "visit_id": pa.array(["V1", "V2", "V3"]),
        "opened_at": pa.array(STAMPS, pa.timestamp("ms")),
        "client_id": pa.array(["C1", "C2", "C1"]),
        "brand": pa.array(["Kia", "Lada", "Kia"]),
    }
    t.update(over)
    return pa.table(t)


def lines(**over):
    t = {
        "visit_id": pa.array(["V1", "V2", "V3"]),
        "description": pa.array(["Мойка", "Масло", "Фильтр"]),
        "amount": pa.array([1000.5, 2000.0, 300.25]),
    }
    t.update(over)
    return pa.table(t)


# Columns stoa reads, of types it does not: each stops the run naming it.
pq.write_table(lines(qty=pa.array([1, 2, 1], pa.uint8())), "lines_qty_uint8.parquet")
pq.write_table(lines(amount=pa.array([1000.5, 2000.0, 300.25], pa.float16())), "lines_amount_float16.parquet")
pq.write_table(
    lines(amount=pa.array([D("1000.50"), D("2000.00"), D("300.25")], pa.decimal256(40, 2))),
    "lines_amount_decimal256.parquet",
)
pq.write_table(
    visits(opened_at=pa.array(STAMPS, pa.timestamp("ms", tz="+05:30"))), "visits_opened_at_0530.parquet"
)
pq.write_table(visits(brand=pa.array([["Kia"], ["Lada"], ["Kia"]])), "visits_brand_list.parquet")
# R's hms writes time32[s]; Parquet keeps milliseconds, which polars 0.55 takes for seconds.
TIMES = [dt.time(10, 30), None, dt.time(18, 0)]
pq.write_table(visits(opened_time=pa.array(TIMES, pa.time32("s"))), "visits_opened_time_time32s.parquet")
pq.write_table(
    visits(brand=pa.array([{"make": "Kia"}, {"make": "Lada"}, {"make": "Kia"}])), "visits_brand_struct.parquet"
)
pq.write_table(visits(brand=pa.array([b"Kia", b"\xff\xfe", b"Kia"], pa.binary())), "visits_brand_bytes.parquet")

# The same odd types in columns stoa does not read: the file reads.
pq.write_table(
    visits(
        tags=pa.array([["a"], [], None], pa.list_(pa.string())),
        flags=pa.array([1, 0, 1], pa.uint8()),
        half=pa.array([1.5, 2.0, None], pa.float16()),
        blob=pa.array([b"\xff", None, b"x"], pa.binary()),
        local=pa.array(STAMPS, pa.timestamp("ms", tz="+05:30")),
        wide=pa.array([D("1.00"), None, D("2.50")], pa.decimal256(40, 2)),
        nested=pa.array([{"a": 1}, None, {"a": 2}]),
    ),
    "visits_unread_odd.parquet",
)

# Types read as a CSV's cells would be: integer ids (a dictionary of them, as pandas'
# `category` of numbers), large strings, bytes of UTF-8 text, a time of day as a duration,
# an odometer as uint64, money as decimal128 of three places, a quantity as a decimal.
pq.write_table(
    pa.table(
        {
            "visit_id": pa.array(["101", "102", "103"], pa.large_string()),
            "opened_at": pa.array(DAYS, pa.date32()),
            "opened_time": pa.array([10 * 3600 + 30 * 60, None, 18 * 3600], pa.duration("s")),
            "client_id": pa.array([1, 2, 1], pa.int64()).dictionary_encode(),
            "brand": pa.array([b"Kia", "Лада".encode(), b"Kia"], pa.binary()),
            "odometer_km": pa.array([15000, None, 120000], pa.uint64()),
        }
    ),
    "visits_kinds.parquet",
)
pq.write_table(
    pa.table(
        {
            "visit_id": pa.array([101, 102, 103], pa.int32()),
            "description": pa.array(["Мойка", "Масло", "Фильтр"], pa.large_string()),
            "amount": pa.array([D("1000.505"), D("2000.000"), D("0.004")], pa.decimal128(12, 3)),
            "qty": pa.array([D("1.5"), D("2.0"), D("1.0")], pa.decimal128(5, 1)),
        }
    ),
    "lines_kinds.parquet",
)
