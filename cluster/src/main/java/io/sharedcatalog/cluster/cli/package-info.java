/**
 * The {@code sharedcatalog} command line ({@code cluster/target/sharedcatalog.jar}): {@link
 * io.sharedcatalog.cluster.cli.Main} and one picocli command class per subcommand ({@code member},
 * {@code worker}, {@code run}, {@code catalog}, {@code demo}).
 */
package io.sharedcatalog.cluster.cli;
