package dev.warden.web.token;

import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.PermissionDeniedException;
import dev.warden.core.shared.QuotaExceededException;
import dev.warden.core.token.AccessRefusedException;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxResponse;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxReswap;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;

/**
 * The console's one create-token dialog, for personal, organisation and group tokens alike. Bean Validation checks
 * the form's static rules, {@link #check} adds core's rules on single fields so that every error shows at once, and
 * {@link #submit} creates the token: the secret is then shown once in the copy dialog (never cached; with htmx
 * swapped into the dialog slot while the token list reloads), otherwise the dialog comes back with each error next to
 * its field, or above the form when core names no field of it.
 *
 * @param dialogView the dialog's fragment
 * @param issuedView the copy dialog's fragment
 * @param changedEvent the htmx event the token list reloads on
 * @param formFields core's field names (as the API names them) to the form's
 * @param deniedField the field a {@link PermissionDeniedException} is about; null to let the console's error path
 *     answer it
 */
record CreateTokenDialog(
        String dialogView, String issuedView, String changedEvent, Map<String, String> formFields, String deniedField) {
    static final String FORM = "form";
    static final String FORM_ERROR = "formError";

    /**
     * The form as bound, with its errors, in the model. When a value did not convert (text where a date or number
     * belongs) Spring's binding result holds no form, so the dialog could not show what was typed; this puts the
     * form and its errors back together. Later errors go to the binding result this returns.
     */
    BindingResult bound(Object form, BindingResult binding, Model model) {
        if (binding.getTarget() == form) {
            return binding;
        }
        BeanPropertyBindingResult rebound = new BeanPropertyBindingResult(form, FORM);
        rebound.addAllErrors(binding);
        model.addAttribute(FORM, form);
        model.addAttribute(BindingResult.MODEL_KEY_PREFIX + FORM, rebound);
        return rebound;
    }

    /**
     * A core rule on one form field, checked beside the form's static rules.
     * @return the rule's answer, or null when it refused (the refusal is then next to its field, unless that field
     *     already has an error, such as text that is not a number)
     */
    <T> T check(BindingResult binding, Model model, Supplier<T> rule) {
        try {
            return rule.get();
        } catch (InvalidParameterException e) {
            String field = formFields.get(e.field());
            if (field == null || !binding.hasFieldErrors(field)) {
                reject(e, binding, model);
            }
            return null;
        }
    }

    /**
     * Creates the token when the form has no errors.
     * @param create creates the token and returns what the copy dialog shows
     * @return the fragment that answers an htmx request; null when the caller renders its whole page, which then
     *     shows the copy dialog or the dialog with its errors
     */
    String submit(
            BindingResult binding,
            Model model,
            HtmxRequest htmx,
            HtmxResponse htmxResponse,
            HttpServletResponse response,
            Supplier<?> create) {
        if (!binding.hasErrors() && !model.containsAttribute(FORM_ERROR)) {
            try {
                model.addAttribute("issued", create.get());
                // The secret is in this response only; no cache may keep it.
                response.setHeader("Cache-Control", "no-store");
                if (htmx.isHtmxRequest()) {
                    htmxResponse.addTrigger(changedEvent);
                    htmxResponse.setRetarget("#dialog-slot");
                    htmxResponse.setReswap(HtmxReswap.innerHtml());
                    return issuedView;
                }
                model.addAttribute(FORM, null); // the copy dialog takes the form's place
                return null;
            } catch (InvalidParameterException | AccessRefusedException | QuotaExceededException e) {
                reject(e, binding, model);
            } catch (PermissionDeniedException e) {
                if (deniedField == null) {
                    throw e;
                }
                binding.rejectValue(deniedField, "denied", e.getMessage());
            }
        }
        return htmx.isHtmxRequest() ? dialogView : null;
    }

    private void reject(RuntimeException refusal, BindingResult binding, Model model) {
        String field = refusal instanceof InvalidParameterException invalid ? formFields.get(invalid.field()) : null;
        if (field == null) {
            model.addAttribute(FORM_ERROR, refusal.getMessage());
        } else {
            binding.rejectValue(field, "invalid", refusal.getMessage());
        }
    }
}
