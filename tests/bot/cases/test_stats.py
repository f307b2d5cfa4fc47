"""Case statistics in SQL: per server, percentiles by nearest rank, the chart's figures also in
the text, and the /precedents line only from 5 restorations on."""

from __future__ import annotations

from datetime import timedelta

from bot.cases.models import CaseStatus, Progress
from bot.cases.outcomes import note_email_sent
from bot.cases.scope import Scope
from bot.cases.stats import case_stats, restoration_times
from bot.cases.stats_report import local_outcome_line, stats_chart_png, stats_lines
from bot.cases.store import CaseStore
from bot.clock import ManualClock

ALL = Scope.everything()

WEB, SAFETY = "website@huggingface.co", "safety@huggingface.co"


async def _restored_after(store, clock, user, guild, days, to=WEB):
    case = await store.open_case(user, guild, f"acct{user}")
    async with store.db.write() as conn:
        await note_email_sent(conn, case.id, to, clock.now() - timedelta(days=days))
    await store.record_progress(case.id, user, Progress.RESTORED)
    return case


async def test_stats_per_server(store):
    clock = ManualClock()
    store = CaseStore(store.db, clock=clock)
    # server 1: ten restorations after 1..10 days (the first three via safety@), one open case
    # 40 days old, one closed; server 2: one open case
    old = await store.open_case(100, 1, "old")
    await clock.advance(timedelta(days=40))
    for user in range(1, 11):
        await _restored_after(store, clock, user, 1, user, SAFETY if user <= 3 else WEB)
    closed = await store.open_case(50, 1, "gone")
    await store.set_status(closed.id, CaseStatus.CLOSED, 99, scope=ALL, moderator=True)
    await store.open_case(60, 2, "elsewhere")
    await store.db.conn.execute(
        "INSERT INTO reminders (case_id, guild_id, number, state, due_at, scheduled_for, "
        "led_to_reply, created_at, updated_at) VALUES (?, 1, 1, 'sent', 'x', 'x', 1, 'x', 'x')",
        (old.id,),
    )
    stats = await case_stats(store.db, Scope.server(1, None), clock.now())
    assert stats.by_status == {"open": 1, "restored": 10, "closed": 1}
    assert stats.open_by_age == {
        "under 1 day": 0, "1 to 6 days": 0, "7 to 29 days": 0, "30 days or more": 1,
    }  # fmt: skip
    assert stats.restoration.restored == 10
    assert stats.restoration.median_days == 5 and stats.restoration.p90_days == 9
    assert stats.by_first_address[SAFETY].median_days == 2
    assert stats.by_first_address[WEB].restored == 7
    assert stats.by_first_address[WEB].p90_days == 10  # nearest rank: ceil(0.9 * 7) = 7th
    assert stats.outcomes == {"restored": 10, "closed": 1}
    assert (stats.reminders_sent, stats.reminders_led_to_reply) == (1, 1)
    today = clock.now().date().isoformat()
    assert stats.opened_per_day[today] == 11 and stats.restored_per_day[today] == 10
    assert len(stats.opened_per_day) == 30 and sum(stats.days_to_restore.values()) == 10
    everywhere = await case_stats(store.db, Scope.everything(), clock.now())
    assert everywhere.by_status["open"] == 2
    assert (await case_stats(store.db, Scope.server(2, None), clock.now())).restoration.restored == 0
    text = "\n".join(stats_lines(stats))
    assert "median 5.0, 90th percentile 9.0 (10 restored" in text
    assert f"{today[5:]} 11/10" in text and "30 days or more 1" in text
    assert "Follow-up reminders sent: 1; followed by a reply: 1" in text
    png = stats_chart_png(stats)
    assert png.startswith(b"\x89PNG")


async def test_precedents_line_needs_five_restorations(store):
    clock = ManualClock()
    store = CaseStore(store.db, clock=clock)
    for user in range(1, 5):
        await _restored_after(store, clock, user, 1, 3)
    times = (await restoration_times(store.db, Scope.server(1, None)))[""]
    assert local_outcome_line(times) is None
    await _restored_after(store, clock, 5, 1, 3)
    line = local_outcome_line((await restoration_times(store.db, Scope.server(1, None)))[""])
    assert line is not None and "5 people" in line and "median of 3 days" in line
    assert await restoration_times(store.db, Scope.server(2, None)) == {}


async def test_stats_queries_use_indexes(store):
    sql = (
        "SELECT status, COUNT(*) FROM cases c WHERE status IN "
        "('open', 'waiting_on_hf', 'restored', 'closed') AND c.owner = ? GROUP BY status"
    )
    plan = " ".join(r[-1] for r in await store.db.fetchall("EXPLAIN QUERY PLAN " + sql, (1,)))
    assert "USING COVERING INDEX idx_cases_stats" in plan and "SCAN c" not in plan.replace(
        "SCAN c USING", ""
    )


TRUTH = """
SELECT owner, 'status', status, COUNT(*) FROM cases GROUP BY 1, 3
UNION ALL SELECT COALESCE(guild_id, 0), 'outcome', outcome, COUNT(*) FROM case_outcomes
    WHERE outcome IS NOT NULL GROUP BY 1, 3
UNION ALL SELECT COALESCE(guild_id, 0), m, CAST(MIN(CAST(days_to_outcome AS INTEGER), 60) AS TEXT),
    COUNT(*) FROM (SELECT *, 'days' AS m FROM case_outcomes UNION ALL
                   SELECT *, 'days@' || first_email_to FROM case_outcomes)
    WHERE outcome = 'restored' AND days_to_outcome IS NOT NULL AND m IS NOT NULL GROUP BY 1, 2, 3
UNION ALL SELECT COALESCE(guild_id, 0), 'reminders', 'sent', COUNT(*) FROM reminders
    WHERE state = 'sent' GROUP BY 1
UNION ALL SELECT COALESCE(guild_id, 0), 'reminders', 'replied', COUNT(*) FROM reminders
    WHERE led_to_reply = 1 GROUP BY 1
"""


async def test_tallies_stay_equal_to_the_tables(store):
    """The trigger-kept counts after every kind of change: new cases, moves, reopenings,
    outcomes, reminders sent and answered, and a person's data erased."""
    from bot.reminders.models import ReminderState
    from bot.reminders.store import ReminderStore

    clock = ManualClock()
    store = CaseStore(store.db, clock=clock)
    reminders = ReminderStore(store.db)
    cases = [await store.open_case(u % 4, u % 3 or None, f"a{u}") for u in range(12)]
    for i, case in enumerate(cases):
        async with store.db.write() as conn:
            await note_email_sent(conn, case.id, WEB if i % 2 else SAFETY, clock.now())
        r = await reminders.schedule(case.id, 1, clock.now(), clock.now())
        if i % 3 == 0:
            await reminders.mark(r.id, ReminderState.SENT, "sent", clock.now())
        await clock.advance(timedelta(days=i))
    for case in cases[:6]:
        await store.record_progress(case.id, case.discord_user_id, Progress.RESTORED)
    await store.set_status(cases[6].id, CaseStatus.CLOSED, 9, scope=ALL, moderator=True)
    await store.set_status(cases[0].id, CaseStatus.OPEN, 9, scope=ALL, moderator=True)  # reopened
    await store.record_progress(cases[0].id, cases[0].discord_user_id, Progress.RESTORED)
    await store.record_progress(cases[7].id, cases[7].discord_user_id, Progress.LOCKED)
    await store.delete_user_data(1, ALL)

    async def rows(sql):
        return sorted((int(g), m, str(k), int(n)) for g, m, k, n in await store.db.fetchall(sql))

    kept = [r for r in await rows("SELECT * FROM case_tallies") if r[3]]
    assert kept == await rows(TRUTH)
    assert any(r[1] == "reminders" and r[2] == "replied" for r in kept)


async def test_the_home_servers_stats_include_the_cases_opened_in_dms(store):
    clock = ManualClock()
    store = CaseStore(store.db, clock=clock)
    await store.open_case(1, None, "indm")  # owner: the home server
    await store.open_case(2, 7, "inseven")
    await store.open_case(3, 8, "ineight")
    home = await case_stats(store.db, Scope.server(7, 7), clock.now())
    assert home.by_status == {"open": 2}
    assert (await case_stats(store.db, Scope.server(8, 7), clock.now())).by_status == {"open": 1}
    claimed = await store.open_case(4, None, "moved")
    await store.db.conn.execute("UPDATE cases SET owner = 8 WHERE id = ?", (claimed.id,))
    await store.db.conn.commit()
    assert (await case_stats(store.db, Scope.server(8, 7), clock.now())).by_status == {"open": 2}
