package dev.warden.web.directory;

import dev.warden.core.directory.DirectoryService;
import dev.warden.core.directory.UserDetails;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.ResourceAlreadyExistsException;
import dev.warden.web.console.ConsoleAccess;
import dev.warden.web.console.ConsolePage;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** Settings → Admin Console → Users. Users created here log in to the console with the password given. */
@Controller
@ConsolePage
@RequestMapping("/settings/admin/users")
class UsersPageController extends DirectoryPagesController {
    /** Core names fields as SCIM does; the form calls them as people do. */
    private static final Map<String, String> FORM_FIELDS =
            Map.of("userName", "userName", "displayName", "displayName", "emails", "email");

    private final PasswordEncoder passwords;

    UsersPageController(
            PrincipalPages pages, DirectoryService directory, ConsoleAccess access, PasswordEncoder passwords) {
        super(pages, directory, access);
        this.passwords = passwords;
    }

    @Override
    DirectoryKind kind() {
        return DirectoryKind.USER;
    }

    @Override
    Object emptyForm() {
        return new CreateUserForm();
    }

    @PostMapping
    String create(
            Actor actor,
            @ModelAttribute("form") CreateUserForm form,
            BindingResult binding,
            Model model,
            HtmxRequest htmx,
            HtmxResponse htmxResponse) {
        if (form.getUserName() == null || form.getUserName().isBlank()) {
            binding.rejectValue("userName", "required", "Enter a user name: it is what the user logs in with.");
        }
        if (form.getPassword() == null || form.getPassword().length() < CreateUserForm.PASSWORD_MIN) {
            binding.rejectValue(
                    "password",
                    "short",
                    "Enter an initial password of at least " + CreateUserForm.PASSWORD_MIN + " characters.");
        } else if (form.getPassword().getBytes(StandardCharsets.UTF_8).length > CreateUserForm.PASSWORD_MAX_BYTES) {
            binding.rejectValue(
                    "password",
                    "long",
                    "Enter a password of at most " + CreateUserForm.PASSWORD_MAX_BYTES
                            + " bytes (as many plain letters, fewer accented ones): bcrypt reads no further.");
        }
        if (!binding.hasErrors()) {
            try {
                Principal user = directory.createUser(
                        actor,
                        new UserDetails(
                                form.getUserName(), form.getDisplayName(), form.getEmail(), null, null, null, true),
                        passwords.encode(form.getPassword()));
                return created(user, model, htmx, htmxResponse);
            } catch (InvalidParameterException e) {
                binding.rejectValue(FORM_FIELDS.getOrDefault(e.field(), "userName"), "invalid", e.getMessage());
            } catch (ResourceAlreadyExistsException e) {
                binding.rejectValue("userName", "taken", e.getMessage());
            }
        }
        form.setPassword(null);
        return dialog(actor, model, htmx);
    }
}
