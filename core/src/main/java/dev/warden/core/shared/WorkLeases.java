package dev.warden.core.shared;

import java.time.Duration;
import java.time.Instant;

/**
 * Port: who runs a piece of work that must run on one node at a time, when several Warden nodes share the database
 * (README, "Running several nodes"). A node that wants to run the work tries to hold its lease at each round; the one
 * that holds it runs the work and renews it, the others skip the round. A node that dies simply stops renewing: another
 * takes the lease once it has run out.
 */
public interface WorkLeases {
    /**
     * Holds the lease of {@code work} for {@code node} until {@code now + length}: when nobody holds it, when its lease
     * ran out, or when {@code node} holds it already (a renewal).
     *
     * @return whether {@code node} holds the lease now
     */
    boolean tryHold(String work, String node, Instant now, Duration length);

    /** Gives the lease up, if {@code node} holds it (at shutdown, so another node need not wait for it to run out). */
    void release(String work, String node);
}
