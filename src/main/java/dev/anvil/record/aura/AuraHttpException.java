package dev.anvil.record.aura;

/** Aura answered a request with a status other than 2xx. */
final class AuraHttpException extends Exception {
    private final int status;

    AuraHttpException(String request, int status, String body) {
        super(request + " returned HTTP " + status + (body == null || body.isBlank() ? "" : ": " + excerpt(body)));
        this.status = status;
    }

    int status() {
        return status;
    }

    static String excerpt(String body) {
        String oneLine = body.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }
}
