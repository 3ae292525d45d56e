/**
 * Failure kinds: the one classification of what went wrong, shared by the service, {@code --once}
 * and the restore CLI ({@link io.lifeboat.failure.FailureKind}, with the exit-code table), and
 * the base of lifeboat's exceptions ({@link io.lifeboat.failure.LifeboatException}).
 */
package io.lifeboat.failure;
