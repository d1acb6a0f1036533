package dev.anvil.record.importing;

/**
 * What an Anvil-written report says about the run it came from ({@code anvil.*} properties of its
 * JUnit XML); each field null when it does not say.
 */
record Provenance(String runId, String mode, String label, String sutRevision, String status) {
}
