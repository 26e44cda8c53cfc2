-- The audit log is append-only in the database too, not only in the code:
-- an entry, once written, is never updated or deleted.  The two backends
-- say it differently (see src/db/migrate.h for the dialect lines).  On
-- PostgreSQL the role `serve` connects as is, besides, granted no UPDATE
-- or DELETE on the table (migrate_grant, src/db/migrate.c); the trigger
-- also stops a deployment with one role for both.  Only the owner, who can
-- drop the trigger, could change an entry: a deliberate act, not an
-- accident or an attacker inside the service.

-- dialect: sqlite
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- dialect: postgresql
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
