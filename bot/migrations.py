"""The schema, as forward-only migrations: numbered SQL scripts applied in order by
`bot.db.Database.open` (`PRAGMA user_version` counts those applied). Add a new script at the end;
never edit one that has shipped."""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: cases and their append-only timeline.
    """
    CREATE TABLE cases (
        id INTEGER PRIMARY KEY,
        discord_user_id INTEGER NOT NULL,
        guild_id INTEGER,
        hf_account TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'open',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX idx_cases_user ON cases (discord_user_id, id);
    CREATE INDEX idx_cases_status ON cases (status, id);
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        actor_id INTEGER,
        payload TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL
    );
    CREATE INDEX idx_events_case ON events (case_id, id);
    """,
    # 2: case-insensitive account lookups, one active case per person and account, the report
    # cache and a key/value table.
    """
    CREATE INDEX idx_cases_account ON cases (hf_account COLLATE NOCASE, id);
    CREATE TEMP TABLE dup_cases AS
        SELECT id FROM cases WHERE status IN ('open', 'waiting_on_hf') AND id NOT IN (
            SELECT MAX(id) FROM cases WHERE status IN ('open', 'waiting_on_hf')
            GROUP BY discord_user_id, hf_account COLLATE NOCASE);
    INSERT INTO events (case_id, kind, actor_id, payload, created_at)
        SELECT c.id, 'status_changed', NULL,
               json_object('from', c.status, 'to', 'closed',
                           'reason', 'duplicate of a newer active case (schema upgrade)'),
               strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')
        FROM cases c WHERE c.id IN (SELECT id FROM dup_cases);
    UPDATE cases SET status = 'closed' WHERE id IN (SELECT id FROM dup_cases);
    DROP TABLE dup_cases;
    CREATE UNIQUE INDEX idx_cases_one_active ON cases (discord_user_id, hf_account COLLATE NOCASE)
        WHERE status IN ('open', 'waiting_on_hf');
    CREATE TABLE account_reports (
        account_key TEXT PRIMARY KEY,
        checked_at TEXT NOT NULL,
        report TEXT NOT NULL
    );
    CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """,
    # 3: which server's moderators handle a case (`owner`: the server's id, 0 = the home
    # server, for DMs and user-install contexts; -1 = unassigned, cases from before servers were
    # told apart that a home server has not claimed yet), per-server settings and per-person
    # preferences. Indexes so that every scoped query searches instead of scanning.
    """
    ALTER TABLE cases ADD COLUMN owner INTEGER NOT NULL DEFAULT -1;
    UPDATE cases SET owner = guild_id WHERE guild_id IS NOT NULL;
    CREATE INDEX idx_cases_owner ON cases (owner, id);
    CREATE INDEX idx_cases_owner_status ON cases (owner, status, id);
    CREATE INDEX idx_events_actor ON events (actor_id);
    CREATE TABLE server_settings (
        guild_id INTEGER PRIMARY KEY,
        modlog_channel_id INTEGER,
        moderator_role_id INTEGER,
        updated_by INTEGER,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE person_prefs (
        discord_user_id INTEGER PRIMARY KEY,
        status_dms INTEGER NOT NULL DEFAULT 1,
        updated_at TEXT NOT NULL
    );
    """,
    # 4: follow-up reminders (claim -> send -> mark; the next due one is one indexed
    # query on (state, due_at)), how each case went (first email, outcome), and the statistics'
    # tallies kept by triggers (so /case stats reads a few rows instead of every case).
    """
    CREATE TABLE reminders (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        guild_id INTEGER,
        number INTEGER NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending',
        due_at TEXT NOT NULL,
        scheduled_for TEXT NOT NULL,
        claims INTEGER NOT NULL DEFAULT 0,
        led_to_reply INTEGER NOT NULL DEFAULT 0,
        result TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX idx_reminders_due ON reminders (state, due_at);
    CREATE INDEX idx_reminders_case ON reminders (case_id, id);
    CREATE UNIQUE INDEX idx_reminders_one_pending ON reminders (case_id)
        WHERE state IN ('pending', 'claimed');
    CREATE TABLE case_outcomes (
        case_id INTEGER PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
        guild_id INTEGER,
        first_email_at TEXT,
        first_email_to TEXT,
        emails INTEGER NOT NULL DEFAULT 0,
        outcome TEXT,
        outcome_at TEXT,
        days_to_outcome REAL,
        dm_closed_at TEXT
    );
    CREATE INDEX idx_outcomes_outcome ON case_outcomes (outcome, outcome_at);
    CREATE INDEX idx_outcomes_days ON case_outcomes (outcome, days_to_outcome);
    CREATE INDEX idx_cases_stats ON cases (owner, status, created_at);
    CREATE INDEX idx_cases_status_created ON cases (status, created_at);
    CREATE TABLE case_tallies (
        guild_key INTEGER NOT NULL,
        metric TEXT NOT NULL,
        key TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (guild_key, metric, key)
    ) WITHOUT ROWID;
    INSERT INTO case_tallies (guild_key, metric, key, n)
        SELECT owner, 'status', status, COUNT(*) FROM cases GROUP BY 1, 3;
    CREATE TRIGGER tally_case_insert AFTER INSERT ON cases BEGIN
        INSERT INTO case_tallies VALUES (NEW.owner, 'status', NEW.status, 1)
            ON CONFLICT DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER tally_case_update AFTER UPDATE OF status, owner ON cases BEGIN
        UPDATE case_tallies SET n = n - 1 WHERE guild_key = OLD.owner
            AND metric = 'status' AND key = OLD.status;
        INSERT INTO case_tallies VALUES (NEW.owner, 'status', NEW.status, 1)
            ON CONFLICT DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER owner_follows AFTER UPDATE OF owner ON cases BEGIN
        UPDATE case_outcomes SET guild_id = NEW.owner WHERE case_id = NEW.id;
        UPDATE reminders SET guild_id = NEW.owner WHERE case_id = NEW.id;
    END;
    CREATE TRIGGER tally_case_delete AFTER DELETE ON cases BEGIN
        UPDATE case_tallies SET n = n - 1 WHERE guild_key = OLD.owner
            AND metric = 'status' AND key = OLD.status;
    END;
    CREATE TRIGGER tally_outcome_insert AFTER INSERT ON case_outcomes BEGIN
        INSERT INTO case_tallies SELECT COALESCE(NEW.guild_id, 0), 'outcome', NEW.outcome, 1
            WHERE NEW.outcome IS NOT NULL ON CONFLICT DO UPDATE SET n = n + 1;
        INSERT INTO case_tallies SELECT COALESCE(NEW.guild_id, 0), m.metric,
                MIN(CAST(NEW.days_to_outcome AS INTEGER), 60), 1
            FROM (SELECT 'days' AS metric UNION ALL SELECT 'days@' || NEW.first_email_to) m
            WHERE NEW.outcome = 'restored' AND NEW.days_to_outcome IS NOT NULL
                AND m.metric IS NOT NULL
            ON CONFLICT DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER tally_outcome_delete AFTER DELETE ON case_outcomes BEGIN
        UPDATE case_tallies SET n = n - 1 WHERE guild_key = COALESCE(OLD.guild_id, 0)
            AND metric = 'outcome' AND key = OLD.outcome;
        UPDATE case_tallies SET n = n - 1 WHERE guild_key = COALESCE(OLD.guild_id, 0)
            AND OLD.outcome = 'restored' AND OLD.days_to_outcome IS NOT NULL
            AND metric IN ('days', 'days@' || OLD.first_email_to)
            AND key = CAST(MIN(CAST(OLD.days_to_outcome AS INTEGER), 60) AS TEXT);
    END;
    CREATE TRIGGER tally_outcome_update
        AFTER UPDATE OF outcome, days_to_outcome, first_email_to, guild_id ON case_outcomes
    BEGIN
        UPDATE case_tallies SET n = n - 1 WHERE guild_key = COALESCE(OLD.guild_id, 0)
            AND metric = 'outcome' AND key = OLD.outcome;
        UPDATE case_tallies SET n = n - 1 WHERE guild_key = COALESCE(OLD.guild_id, 0)
            AND OLD.outcome = 'restored' AND OLD.days_to_outcome IS NOT NULL
            AND metric IN ('days', 'days@' || OLD.first_email_to)
            AND key = CAST(MIN(CAST(OLD.days_to_outcome AS INTEGER), 60) AS TEXT);
        INSERT INTO case_tallies SELECT COALESCE(NEW.guild_id, 0), 'outcome', NEW.outcome, 1
            WHERE NEW.outcome IS NOT NULL ON CONFLICT DO UPDATE SET n = n + 1;
        INSERT INTO case_tallies SELECT COALESCE(NEW.guild_id, 0), m.metric,
                MIN(CAST(NEW.days_to_outcome AS INTEGER), 60), 1
            FROM (SELECT 'days' AS metric UNION ALL SELECT 'days@' || NEW.first_email_to) m
            WHERE NEW.outcome = 'restored' AND NEW.days_to_outcome IS NOT NULL
                AND m.metric IS NOT NULL
            ON CONFLICT DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER tally_reminder_update AFTER UPDATE OF state, led_to_reply ON reminders BEGIN
        INSERT INTO case_tallies SELECT COALESCE(NEW.guild_id, 0), 'reminders', 'sent', 1
            WHERE NEW.state = 'sent' AND OLD.state != 'sent' ON CONFLICT DO UPDATE SET n = n + 1;
        INSERT INTO case_tallies SELECT COALESCE(NEW.guild_id, 0), 'reminders', 'replied', 1
            WHERE NEW.led_to_reply = 1 AND OLD.led_to_reply = 0
            ON CONFLICT DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER tally_reminder_insert AFTER INSERT ON reminders BEGIN
        INSERT INTO case_tallies SELECT COALESCE(NEW.guild_id, 0), 'reminders', 'sent', 1
            WHERE NEW.state = 'sent' ON CONFLICT DO UPDATE SET n = n + 1;
        INSERT INTO case_tallies SELECT COALESCE(NEW.guild_id, 0), 'reminders', 'replied', 1
            WHERE NEW.led_to_reply = 1 ON CONFLICT DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER tally_reminder_delete AFTER DELETE ON reminders BEGIN
        UPDATE case_tallies SET n = n - 1 WHERE guild_key = COALESCE(OLD.guild_id, 0)
            AND metric = 'reminders' AND ((key = 'sent' AND OLD.state = 'sent')
                OR (key = 'replied' AND OLD.led_to_reply = 1));
    END;
    """,
    # 6: the language of the person, from their last interaction (Discord's locale, e.g. "es-ES"),
    # so that DMs sent later (reminders, case updates) speak it.
    """
    ALTER TABLE cases ADD COLUMN locale TEXT;
    """,
    # 7: checks waiting in the queue (one per person), so that after a crash the person is told
    # at the next start that their check did not run. No Discord token is kept.
    """
    CREATE TABLE waiting_checks (
        discord_user_id INTEGER PRIMARY KEY,
        account TEXT NOT NULL,
        locale TEXT,
        queued_at TEXT NOT NULL
    );
    """,
    # 8 (user_version 7): DM conversations on a case (bot.conversations): its messages both
    # ways, its mod-log thread; the language a person chose in a DM (`person_prefs.locale`);
    # `closed_at` (when a case became closed or restored, NULL while active; kept by triggers,
    # backfilled from the timeline) and `purged_at` for the retention purge.
    """
    ALTER TABLE cases ADD COLUMN closed_at TEXT;
    ALTER TABLE cases ADD COLUMN purged_at TEXT;
    UPDATE cases SET closed_at = COALESCE((SELECT MAX(e.created_at) FROM events e
            WHERE e.case_id = cases.id AND e.kind = 'status_changed'
            AND json_extract(e.payload, '$.to') = cases.status), updated_at)
        WHERE status IN ('closed', 'restored');
    CREATE INDEX idx_cases_closed ON cases (closed_at) WHERE closed_at IS NOT NULL;
    CREATE TRIGGER case_closed_at AFTER UPDATE OF status ON cases
        WHEN NEW.status IN ('closed', 'restored') AND OLD.status NOT IN ('closed', 'restored')
    BEGIN
        UPDATE cases SET closed_at = NEW.updated_at WHERE id = NEW.id;
        UPDATE conversations SET ended_at = NEW.updated_at
            WHERE case_id = NEW.id AND ended_at IS NULL;
    END;
    CREATE TRIGGER case_reopened AFTER UPDATE OF status ON cases
        WHEN NEW.status NOT IN ('closed', 'restored')
    BEGIN
        UPDATE cases SET closed_at = NULL, purged_at = NULL WHERE id = NEW.id;
    END;
    CREATE TABLE conversations (
        case_id INTEGER PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
        thread_id INTEGER,
        thread_guild_id INTEGER,
        started_at TEXT NOT NULL,
        ended_at TEXT
    );
    CREATE UNIQUE INDEX idx_conversations_thread ON conversations (thread_id)
        WHERE thread_id IS NOT NULL;
    CREATE TABLE conversation_messages (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
        author_id INTEGER,
        text TEXT NOT NULL DEFAULT '',
        attachments TEXT NOT NULL DEFAULT '[]',
        signed TEXT,
        discord_message_id INTEGER,
        created_at TEXT NOT NULL
    );
    CREATE INDEX idx_conversation_case ON conversation_messages (case_id, id);
    CREATE INDEX idx_conversation_author ON conversation_messages (author_id);
    ALTER TABLE person_prefs ADD COLUMN locale TEXT;
    """,
)
