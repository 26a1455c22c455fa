package notify

import (
	"errors"
	"fmt"
	"strings"
)

// ErrInvalidTarget is returned when a channel's address cannot be used.
var ErrInvalidTarget = errors.New("invalid target")

// Message is an alert to deliver.
type Message struct {
	Subject string
	Body    string
	Urgent  bool
}

// Channel is a delivery target: Kind is "email", "sms" or "webhook".
type Channel struct {
	Kind   string
	Target string
}

func validate(c Channel) error {
	switch c.Kind {
	case "email":
		if !strings.Contains(c.Target, "@") {
			return fmt.Errorf("email %q: %w", c.Target, ErrInvalidTarget)
		}
	case "sms":
		if !strings.HasPrefix(c.Target, "+") || len(c.Target) < 8 {
			return fmt.Errorf("sms %q: %w", c.Target, ErrInvalidTarget)
		}
	case "webhook":
		if !strings.HasPrefix(c.Target, "https://") {
			return fmt.Errorf("webhook %q: %w", c.Target, ErrInvalidTarget)
		}
	default:
		return fmt.Errorf("unknown channel kind %q", c.Kind)
	}
	return nil
}

func render(c Channel, m Message) string {
	prefix := ""
	if m.Urgent {
		prefix = "[URGENT] "
	}
	switch c.Kind {
	case "email":
		return fmt.Sprintf("email to %s: %s%s\n\n%s", c.Target, prefix, m.Subject, m.Body)
	case "sms":
		text := prefix + m.Subject
		if len(text) > 40 {
			text = text[:39] + "…"
		}
		return fmt.Sprintf("sms to %s: %s", c.Target, text)
	default:
		return fmt.Sprintf("POST %s {\"subject\":%q,\"urgent\":%t}", c.Target, m.Subject, m.Urgent)
	}
}

func name(c Channel) string {
	switch c.Kind {
	case "email":
		return "email:" + c.Target
	case "sms":
		return "sms:" + c.Target
	default:
		return "webhook:" + c.Target
	}
}

// SendAll delivers msg on every channel, collecting delivery lines and errors.
func SendAll(msg Message, channels []Channel) ([]string, []error) {
	var sent []string
	var errs []error
	for _, c := range channels {
		if err := validate(c); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", name(c), err))
			continue
		}
		sent = append(sent, render(c, msg))
	}
	return sent, errs
}
