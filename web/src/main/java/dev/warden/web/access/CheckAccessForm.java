package dev.warden.web.access;

/**
 * The token page's "Check access" form: an endpoint picked from the catalogue ({@code "POST /api/2.0/token/create"}),
 * or a request typed as {@code METHOD PATH}, which wins when both are given.
 */
public class CheckAccessForm {
    private String endpoint;
    private String request;

    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    public String getRequest() {
        return request;
    }

    public void setRequest(String request) {
        this.request = request;
    }
}
