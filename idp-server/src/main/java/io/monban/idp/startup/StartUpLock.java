package io.monban.idp.startup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * The {@code start-up} row of {@code mb_lock}, held for the whole start-up work of one node: a
 * second node starting on the same database waits here, then finds the keys and the bootstrap
 * file's content in place instead of making a second set. The lock lives on a connection of its
 * own, so the work inside keeps its own transactions (the bootstrap file still commits, or rolls
 * back, as one).
 */
@Component
class StartUpLock {

    private final DataSource dataSource;

    StartUpLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void whileHeld(Runnable work) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                lock(connection);
                work.run();
            } finally {
                // Nothing was written on this connection: ending the transaction only releases the lock.
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the start-up lock: " + e.getMessage(), e);
        }
    }

    private static void lock(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT name FROM mb_lock WHERE name = 'start-up' FOR UPDATE");
             ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                throw new IllegalStateException("the start-up row of mb_lock is missing (migration V50)");
            }
        }
    }
}
