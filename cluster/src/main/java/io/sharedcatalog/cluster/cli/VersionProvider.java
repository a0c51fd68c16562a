package io.sharedcatalog.cluster.cli;

import com.hazelcast.instance.BuildInfoProvider;
import picocli.CommandLine.IVersionProvider;

/**
 * The version lines of {@code --version}: ours (from the jar manifest) and Hazelcast's.
 *
 * <p>This class is thread-safe (it has no state).
 */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Main.class.getPackage().getImplementationVersion();
    return new String[] {
      "sharedcatalog " + (version == null ? "(development build)" : version),
      "Hazelcast " + BuildInfoProvider.getBuildInfo().getVersion(),
      "Java " + System.getProperty("java.version")
    };
  }
}
