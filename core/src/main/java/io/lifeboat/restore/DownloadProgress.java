package io.lifeboat.restore;

/**
 * Told how far a download has come. Called from the download's worker thread for every
 * buffer: implementations must be quick and must not block.
 */
@FunctionalInterface
public interface DownloadProgress {

    DownloadProgress NONE = (bytesSoFar, totalBytes) -> { };

    /**
     * @param bytesSoFar compressed bytes received so far
     * @param totalBytes the object's size as its manifest records it
     */
    void advanced(long bytesSoFar, long totalBytes);
}
