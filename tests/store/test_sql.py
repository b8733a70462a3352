"""The WHERE builder: unset fields add nothing, values travel as parameters, LIKE patterns match literally."""

from __future__ import annotations

from datetime import date

import duckdb

from dateline.store.sql import ILIKE, Where, escape_like, like


def test_empty_where_is_no_sql() -> None:
    w = Where()
    assert w.sql() == "" and w.params == [] and not w
    assert w.pair() == ("", [])


def test_unset_values_are_skipped_but_zero_and_false_filter() -> None:
    w = (Where().add("a = ?", None).add("b = ?", "").add("c = ?", []).add("d = ?", ())
         .add("e = ?", 0).add("f = ?", False).add("g = ?", 0.0))
    assert w.clauses == ["e = ?", "f = ?", "g = ?"]
    assert w.params == [0, False, 0.0]


def test_a_clause_is_skipped_when_any_of_its_values_is_unset() -> None:
    w = Where().add("(x = ? OR y = ?)", "v", None).add("z IS NULL")
    assert w.sql() == " WHERE z IS NULL" and w.params == []


def test_skip_unset_false_binds_even_an_empty_value() -> None:
    w = Where().add("kind = ?", "", skip_unset=False).add("who = ?", None, skip_unset=False)
    assert w.clauses == ["kind = ?", "who = ?"] and w.params == ["", None]


def test_add_all_extend_and_keyword() -> None:
    inner = Where().add_all(("p.lat > ?", 1.5), ("p.lon < ?", None), ("p.id = ?", 7))
    w = Where().add("a = ?", "x").extend(inner, "EXISTS (SELECT 1 FROM t p WHERE {})")
    assert w.sql() == " WHERE a = ? AND EXISTS (SELECT 1 FROM t p WHERE p.lat > ? AND p.id = ?)"
    assert w.params == ["x", 1.5, 7]
    assert Where().extend(inner).clauses == ["p.lat > ?", "p.id = ?"]
    assert Where().extend(Where(), "never {}").clauses == []
    assert Where().add("count(*) >= ?", 2).sql("HAVING") == " HAVING count(*) >= ?"


def test_values_never_reach_the_sql_text() -> None:
    hostile = "x' OR 1=1; DROP TABLE t; --"
    w = Where().add("name = ?", hostile).add(f"name {ILIKE}", like(hostile))
    assert hostile not in w.sql()
    con = duckdb.connect()
    con.execute("CREATE TABLE t (name VARCHAR, day DATE)")
    con.execute("INSERT INTO t VALUES ('a', '2020-01-01'), (?, '2021-01-01')", [hostile])
    assert con.execute(f"SELECT count(*) FROM t{w.sql()}", w.params).fetchone() == (1,)
    dated = Where().add("day >= ?", date(2020, 6, 1))
    assert con.execute(f"SELECT name FROM t{dated.sql()}", dated.params).fetchall() == [(hostile,)]


def test_like_matches_wildcards_literally() -> None:
    assert escape_like("50%_a\\b") == "50\\%\\_a\\\\b"
    con = duckdb.connect()
    con.execute("CREATE TABLE t (s VARCHAR)")
    con.executemany("INSERT INTO t VALUES (?)", [["100% sure"], ["100 percent"], ["a_b"], ["axb"], ["c\\d"]])
    for text, expected in (("0%", ["100% sure"]), ("a_", ["a_b"]), ("\\", ["c\\d"]), ("SURE", ["100% sure"])):
        found = con.execute(f"SELECT s FROM t WHERE s {ILIKE} ORDER BY s", [like(text)]).fetchall()
        assert [r[0] for r in found] == expected, text
