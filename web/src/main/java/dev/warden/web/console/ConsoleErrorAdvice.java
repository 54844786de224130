package dev.warden.web.console;

import dev.warden.core.shared.DomainException;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.PermissionDeniedException;
import dev.warden.core.shared.ResourceNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * What a console page shows when a service refuses: a whole page says so in the console's layout with the
 * matching status (400 for input it cannot take, 403 for a missing permission, 404 for something that is not
 * there, 409 for a refused change), and an htmx request gets the message above the content while the page stays as it was. Never a
 * stack trace.
 */
@ControllerAdvice(annotations = ConsolePage.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleErrorAdvice {

    @ExceptionHandler(PermissionDeniedException.class)
    String denied(PermissionDeniedException e, HttpServletRequest request, HttpServletResponse response, Model model) {
        return answer(request, response, model, HttpStatus.FORBIDDEN, "You are not allowed to do this", e);
    }

    @ExceptionHandler(ResourceNotFoundException.class)
    String notFound(ResourceNotFoundException e, HttpServletRequest request, HttpServletResponse response,
                    Model model) {
        return answer(request, response, model, HttpStatus.NOT_FOUND, "Not found", e);
    }

    @ExceptionHandler(InvalidParameterException.class)
    String invalid(InvalidParameterException e, HttpServletRequest request, HttpServletResponse response, Model model) {
        return answer(request, response, model, HttpStatus.BAD_REQUEST, "Not accepted", e);
    }

    @ExceptionHandler(DomainException.class)
    String refused(DomainException e, HttpServletRequest request, HttpServletResponse response, Model model) {
        return answer(request, response, model, HttpStatus.CONFLICT, "Not done", e);
    }

    private static String answer(HttpServletRequest request, HttpServletResponse response, Model model,
                                 HttpStatus status, String title, DomainException e) {
        model.addAttribute("message", e.getMessage());
        if (request.getHeader("HX-Request") != null && request.getHeader("HX-History-Restore-Request") == null) {
            // htmx swaps only 2xx answers: say it in the flash region (out of band) and leave the target alone.
            response.setStatus(HttpStatus.OK.value());
            response.setHeader("HX-Reswap", "none");
            return "admin/fragments :: flash-error";
        }
        response.setStatus(status.value());
        model.addAttribute("currentPath", ConsoleModelAdvice.pathOf(request));
        model.addAttribute("status", status.value());
        model.addAttribute("title", title);
        return "admin/problem";
    }
}
