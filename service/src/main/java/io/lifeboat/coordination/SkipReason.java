package io.lifeboat.coordination;

/** Why a backup was not taken by this instance: another instance has it (a skip, not a failure). */
public enum SkipReason {
    /** Another instance holds the cluster's backup lock right now. */
    LOCK_HELD("lock_held"),
    /** Another instance already took this scheduled tick and has released the lock. */
    ALREADY_TAKEN("already_taken");

    private final String label;

    SkipReason(String label) {
        this.label = label;
    }

    /** The {@code reason} label of {@code lifeboat_backup_skipped_total}. */
    public String label() {
        return label;
    }
}
