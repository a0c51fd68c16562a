package io.sharedcatalog.runner;

class SequentialRunnerTest extends RunnerContractTest {

  @Override
  protected Runner runner() {
    return new SequentialRunner();
  }
}
