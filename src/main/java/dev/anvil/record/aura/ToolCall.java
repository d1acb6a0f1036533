package dev.anvil.record.aura;

/**
 * One tool call of an Aura story's step, in the order the agent made it.
 *
 * @param step      the step it belongs to
 * @param tool      the tool's name ({@code aura_search}, {@code read_file}, {@code roslyn.add_method}, ...)
 * @param arguments what it was called with (JSON text as Aura stores it), or null
 */
record ToolCall(String step, String tool, String arguments) {
}
