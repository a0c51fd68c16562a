/**
 * Tests that see only the public API, as code outside the project does: {@code ApiContractTest}
 * compiles and runs every public name of {@code API.md}.
 */
package io.sharedcatalog;
