package io.lifeboat.bbolt;

import io.lifeboat.failure.FailureKind;
import io.lifeboat.failure.LifeboatException;

/**
 * The bytes are not a bbolt database that etcd could have written: bad magic, both meta
 * pages invalid, a stream or file cut short, a page the tree references that is missing
 * or malformed. The message names the page id or byte offset at fault.
 *
 * <p>Unchecked: callers in a Reactor chain let it flow as an error signal; the restore CLI
 * maps it to its "corrupt snapshot" exit code.
 */
public final class BboltFormatException extends LifeboatException {

  private static final long serialVersionUID = 1L;

  /** Referrer value meaning "the meta page's root bucket". */
  static final long FROM_META = -1;

  public BboltFormatException(String message) {
    super(FailureKind.INTEGRITY, message, null);
  }

  public BboltFormatException(String message, Throwable cause) {
    super(FailureKind.INTEGRITY, message, cause);
  }

  /** "page 12 (referenced by page 5) {problem}": one wording for every page problem. */
  static BboltFormatException page(long pgid, long referrer, String problem) {
    String from = referrer == FROM_META ? "the meta page's root bucket" : "page " + referrer;
    return new BboltFormatException("page " + pgid + " (referenced by " + from + ") " + problem);
  }
}
