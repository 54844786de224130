package dev.warden.web.token;

import java.util.ArrayList;
import java.util.List;

/** The console's "Generate new token" dialog. A mutable bean so the form re-renders with what was typed. */
public class GenerateTokenForm {
    private String name;
    private Integer lifetimeDays;
    private List<String> scopes = new ArrayList<>();

    static GenerateTokenForm withDefaults(long defaultDays) {
        GenerateTokenForm form = new GenerateTokenForm();
        form.setLifetimeDays((int) defaultDays);
        return form;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Integer getLifetimeDays() {
        return lifetimeDays;
    }

    public void setLifetimeDays(Integer lifetimeDays) {
        this.lifetimeDays = lifetimeDays;
    }

    public List<String> getScopes() {
        return scopes;
    }

    public void setScopes(List<String> scopes) {
        this.scopes = scopes == null ? new ArrayList<>() : scopes;
    }
}
