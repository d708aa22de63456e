package dev.billingidentity.awssdk;

import java.time.Duration;

/**
 * The time bounds of every AWS call the adapters make ({@link AwsAdapters#timeouts()}); set with
 * {@link AwsAdapters.Builder}.
 *
 * @param call the most one call may take, retries and backoff included (the SDK's {@code apiCallTimeout})
 * @param attempt the most one HTTP attempt may take, the answer's body included ({@code apiCallAttemptTimeout})
 * @param connection the most opening a connection may take (the Apache client's connection timeout)
 * @param socket the most a read may wait for the next byte (the Apache client's socket timeout)
 */
public record AwsTimeouts(Duration call, Duration attempt, Duration connection, Duration socket) {}
