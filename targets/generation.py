"""Data generations: tokens that change with every write a criterion value can depend on, for caches to key on.

One token per area: ``catalogue`` (the tables `targets.ranking.facts.build_facts` reads) and ``universe`` (the
tables `targets.universe.discover.universe_facts` reads). Database triggers, installed by migration
0008_data_generation, replace the token with a fresh random number on every INSERT, UPDATE, DELETE (and, on
PostgreSQL, TRUNCATE) of those tables, inside the writing transaction. So no writer can miss it (the ORM,
``bulk_create``, ``QuerySet.update``, raw SQL and cascades alike), and another process sees the new token
exactly when it sees the new rows. Tokens are random rather than counted, so a token from a rolled-back write is
never handed out again.

A reader takes the token *before* it reads the data: a write committed in between can then only make it cache
newer data under an older token (recomputed at the next read), never older data under a newer token.

On PostgreSQL the trigger is per statement and bumps at most once per transaction between two reads
(`current` clears a transaction-local flag), so a bulk load does not update the token row thousands of times.
Writers that touch these tables serialise on the token row until they commit.
"""

from __future__ import annotations

import secrets

from django.db import connection

CATALOGUE = "catalogue"
UNIVERSE = "universe"
WATCHED_TABLES = {
    CATALOGUE: (
        "targets_target",
        "targets_interaction",
        "targets_drug",
        "targets_drugmechanism",
        "targets_clinicaltrial",
        "targets_clinicaltrial_targets",
        "targets_evidence",
        "targets_safetysignal",
        "targets_sourcerecord",
    ),
    UNIVERSE: ("targets_gene", "targets_ligandreceptorpair", "targets_universesource"),
}
TABLE = "targets_datageneration"
_FLAG = "nicherank.generation_bumped_"


def _install_sql(vendor: str) -> list[str]:
    if vendor == "postgresql":
        statements = [
            f"""CREATE OR REPLACE FUNCTION nicherank_bump_generation() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF coalesce(current_setting('{_FLAG}' || TG_ARGV[0], true), '') <> 'y' THEN
                    UPDATE {TABLE} SET token = (floor(random() * 9.0e18) - 4.5e18)::bigint WHERE key = TG_ARGV[0];
                    PERFORM set_config('{_FLAG}' || TG_ARGV[0], 'y', true);
                END IF;
                RETURN NULL;
            END $$"""
        ]
        for key, tables in WATCHED_TABLES.items():
            statements += [
                f"CREATE TRIGGER nicherank_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION nicherank_bump_generation('{key}')"
                for table in tables
            ]
        return statements
    if vendor == "sqlite":
        return [
            f"CREATE TRIGGER nicherank_generation_{table}_{event.lower()} AFTER {event} ON {table} "
            f"BEGIN UPDATE {TABLE} SET token = random() WHERE key = '{key}'; END"
            for key, tables in WATCHED_TABLES.items()
            for table in tables
            for event in ("INSERT", "UPDATE", "DELETE")
        ]
    raise NotImplementedError(f"data generation triggers: no support for {vendor}")


def _remove_sql(vendor: str) -> list[str]:
    if vendor == "postgresql":
        statements = [
            f"DROP TRIGGER IF EXISTS nicherank_generation ON {table}"
            for tables in WATCHED_TABLES.values()
            for table in tables
        ]
        return statements + ["DROP FUNCTION IF EXISTS nicherank_bump_generation()"]
    return [
        f"DROP TRIGGER IF EXISTS nicherank_generation_{table}_{event.lower()}"
        for tables in WATCHED_TABLES.values()
        for table in tables
        for event in ("INSERT", "UPDATE", "DELETE")
    ]


def install_triggers(apps, schema_editor) -> None:
    """Migration step: create the token rows and the triggers for this database's vendor."""
    vendor = schema_editor.connection.vendor
    for statement in _install_sql(vendor):
        schema_editor.execute(statement)
    DataGeneration = apps.get_model("targets", "DataGeneration")
    for key in WATCHED_TABLES:
        DataGeneration.objects.using(schema_editor.connection.alias).get_or_create(
            key=key, defaults={"token": _fresh()}
        )


def remove_triggers(apps, schema_editor) -> None:
    for statement in _remove_sql(schema_editor.connection.vendor):
        schema_editor.execute(statement)


def _fresh() -> int:
    return secrets.randbits(63)


def current(key: str) -> int:
    """The token of ``key`` now; read it before reading the data a cache derives from it.

    Recreates the row (with a fresh token) when a flush emptied the table."""
    if key not in WATCHED_TABLES:
        raise ValueError(f"generation: unknown key {key!r}")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"SELECT token, set_config(%s, '', true) FROM {TABLE} WHERE key = %s", [_FLAG + key, key])
        else:
            cursor.execute(f"SELECT token FROM {TABLE} WHERE key = %s", [key])
        row = cursor.fetchone()
        if row is None:
            cursor.execute(f"INSERT INTO {TABLE} (key, token) VALUES (%s, %s) ON CONFLICT DO NOTHING", [key, _fresh()])
            cursor.execute(f"SELECT token FROM {TABLE} WHERE key = %s", [key])
            row = cursor.fetchone()
    return int(row[0])
