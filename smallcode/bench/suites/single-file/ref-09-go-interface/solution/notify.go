package notify

import (
	"errors"
	"fmt"
	"strings"
)

// ErrInvalidTarget is returned when a notifier's address cannot be used.
var ErrInvalidTarget = errors.New("invalid target")

// Message is an alert to deliver.
type Message struct {
	Subject string
	Body    string
	Urgent  bool
}

// Notifier delivers messages to one target.
type Notifier interface {
	Send(msg Message) (string, error)
	Name() string
}

func subjectLine(m Message) string {
	if m.Urgent {
		return "[URGENT] " + m.Subject
	}
	return m.Subject
}

// EmailNotifier sends e-mail.
type EmailNotifier struct{ Address string }

func (n EmailNotifier) Name() string { return "email:" + n.Address }

func (n EmailNotifier) Send(m Message) (string, error) {
	if !strings.Contains(n.Address, "@") {
		return "", fmt.Errorf("email %q: %w", n.Address, ErrInvalidTarget)
	}
	return fmt.Sprintf("email to %s: %s\n\n%s", n.Address, subjectLine(m), m.Body), nil
}

// SMSNotifier sends text messages.
type SMSNotifier struct{ Number string }

func (n SMSNotifier) Name() string { return "sms:" + n.Number }

func (n SMSNotifier) Send(m Message) (string, error) {
	if !strings.HasPrefix(n.Number, "+") || len(n.Number) < 8 {
		return "", fmt.Errorf("sms %q: %w", n.Number, ErrInvalidTarget)
	}
	text := subjectLine(m)
	if len(text) > 40 {
		text = text[:39] + "…"
	}
	return fmt.Sprintf("sms to %s: %s", n.Number, text), nil
}

// WebhookNotifier posts to an HTTPS endpoint.
type WebhookNotifier struct{ URL string }

func (n WebhookNotifier) Name() string { return "webhook:" + n.URL }

func (n WebhookNotifier) Send(m Message) (string, error) {
	if !strings.HasPrefix(n.URL, "https://") {
		return "", fmt.Errorf("webhook %q: %w", n.URL, ErrInvalidTarget)
	}
	return fmt.Sprintf("POST %s {\"subject\":%q,\"urgent\":%t}", n.URL, m.Subject, m.Urgent), nil
}

// Broadcast delivers msg to every target, collecting delivery lines and errors.
func Broadcast(msg Message, targets []Notifier) ([]string, []error) {
	var sent []string
	var errs []error
	for _, t := range targets {
		line, err := t.Send(msg)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", t.Name(), err))
			continue
		}
		sent = append(sent, line)
	}
	return sent, errs
}
