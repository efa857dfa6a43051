package io.nodedb.sql.session;

import io.nodedb.core.catalog.PasswordVerifier;
import io.nodedb.core.catalog.UserDef;
import io.nodedb.core.document.Mutation;
import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.sql.StatementResult;
import io.nodedb.sql.ast.Statement;

import java.util.Locale;

/**
 * CREATE / ALTER / DROP USER. The password becomes a SCRAM-SHA-256 verifier here, before the mutation is logged,
 * so the log (and the catalog) never hold it. Only a superuser session may run these.
 */
final class Users {
    private Users() {
    }

    static StatementResult create(SessionState session, Statement.CreateUser u) {
        requireSuperuser(session, "CREATE USER", u.pos());
        if (session.db().catalog().findUser(u.name()) != null) {
            throw new NodeDbException(SqlState.DUPLICATE_OBJECT, "role \"" + u.name() + "\" already exists", u.pos(),
                    null);
        }
        String role = role(u.role(), u.pos());
        submit(session, "CREATE USER", new Mutation.CreateUser(u.name(), verifier(u.password(), u.pos()),
                role == null ? UserDef.DEFAULT_ROLE : role));
        return StatementResult.command("CREATE ROLE");
    }

    static StatementResult alter(SessionState session, Statement.AlterUser u) {
        requireSuperuser(session, "ALTER USER", u.pos());
        if (session.db().catalog().findUser(u.name()) == null) {
            throw missing(u.name(), u.pos());
        }
        submit(session, "ALTER USER", new Mutation.AlterUser(u.name(),
                u.password() == null ? null : verifier(u.password(), u.pos()), role(u.role(), u.pos())));
        return StatementResult.command("ALTER ROLE");
    }

    static StatementResult drop(SessionState session, Statement.DropUser u) {
        requireSuperuser(session, "DROP USER", u.pos());
        if (session.db().catalog().findUser(u.name()) == null && !u.ifExists()) {
            throw missing(u.name(), u.pos());
        }
        if (u.name().equals(session.user())) {
            throw new NodeDbException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "current user cannot be dropped", u.pos(), null);
        }
        submit(session, "DROP USER", new Mutation.DropUser(u.name(), u.ifExists()));
        return StatementResult.command("DROP ROLE");
    }

    /**
     * Refused inside a transaction block: authentication reads the committed catalog, so an account cannot wait
     * for a COMMIT.
     */
    private static void submit(SessionState session, String what, Mutation m) {
        session.requireNoTransaction(what);
        session.db().submit(java.util.List.of(m));
    }

    private static void requireSuperuser(SessionState session, String what, int pos) {
        if (!session.superuser()) {
            throw new NodeDbException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to run " + what
                    + ": only a superuser may manage users", pos, null);
        }
    }

    private static NodeDbException missing(String name, int pos) {
        return new NodeDbException(SqlState.UNDEFINED_OBJECT, "role \"" + name + "\" does not exist", pos, null);
    }

    private static String verifier(String password, int pos) {
        try {
            return PasswordVerifier.create(password).encode();
        } catch (NodeDbException e) {
            throw new NodeDbException(e.state(), e.getMessage(), pos, null);
        }
    }

    private static String role(String role, int pos) {
        if (role == null) {
            return null;
        }
        String r = role.toLowerCase(Locale.ROOT);
        if (!UserDef.ROLES.contains(r)) {
            throw new NodeDbException(SqlState.INVALID_PARAMETER_VALUE, "unknown role \"" + role + "\"; roles are "
                    + String.join(", ", UserDef.ROLES.stream().sorted().toList()), pos, null);
        }
        return r;
    }
}
