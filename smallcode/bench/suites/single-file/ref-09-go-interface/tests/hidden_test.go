package notify

import (
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"testing"
)

var (
	_ Notifier = EmailNotifier{}
	_ Notifier = SMSNotifier{}
	_ Notifier = WebhookNotifier{}
)

type fakeNotifier struct{ lines *[]string }

func (f fakeNotifier) Name() string { return "fake" }
func (f fakeNotifier) Send(m Message) (string, error) {
	*f.lines = append(*f.lines, m.Subject)
	return "fake:" + m.Subject, nil
}

func TestRendering(t *testing.T) {
	msg := Message{Subject: "Disk almost full", Body: "92% used on /var", Urgent: true}
	line, err := EmailNotifier{Address: "ops@example.com"}.Send(msg)
	if err != nil || line != "email to ops@example.com: [URGENT] Disk almost full\n\n92% used on /var" {
		t.Fatalf("email: %q %v", line, err)
	}
	long := Message{Subject: "The nightly backup of the customer database failed twice"}
	line, err = SMSNotifier{Number: "+4712345678"}.Send(long)
	if err != nil || line != "sms to +4712345678: The nightly backup of the customer data…" {
		t.Fatalf("sms: %q %v", line, err)
	}
	line, err = WebhookNotifier{URL: "https://hooks.example.com/x"}.Send(Message{Subject: `say "hi"`})
	if err != nil || line != `POST https://hooks.example.com/x {"subject":"say \"hi\"","urgent":false}` {
		t.Fatalf("webhook: %q %v", line, err)
	}
}

func TestValidation(t *testing.T) {
	bad := []Notifier{EmailNotifier{Address: "nobody"}, SMSNotifier{Number: "4712345678"}, SMSNotifier{Number: "+47"},
		WebhookNotifier{URL: "http://insecure"}}
	for _, n := range bad {
		if _, err := n.Send(Message{Subject: "x"}); !errors.Is(err, ErrInvalidTarget) {
			t.Errorf("%s: want ErrInvalidTarget, got %v", n.Name(), err)
		}
	}
	if _, err := (EmailNotifier{Address: "nobody"}).Send(Message{}); err.Error() != `email "nobody": invalid target` {
		t.Errorf("error text changed: %q", err.Error())
	}
}

func TestBroadcast(t *testing.T) {
	var seen []string
	targets := []Notifier{
		EmailNotifier{Address: "a@b.c"},
		SMSNotifier{Number: "123"},
		fakeNotifier{lines: &seen},
		WebhookNotifier{URL: "https://h"},
	}
	sent, errs := Broadcast(Message{Subject: "Hi"}, targets)
	want := []string{"email to a@b.c: Hi\n\n", "fake:Hi", `POST https://h {"subject":"Hi","urgent":false}`}
	if !reflect.DeepEqual(sent, want) {
		t.Fatalf("sent %q", sent)
	}
	if len(errs) != 1 || !errors.Is(errs[0], ErrInvalidTarget) || errs[0].Error() != `sms:123: sms "123": invalid target` {
		t.Fatalf("errs %v", errs)
	}
	if !reflect.DeepEqual(seen, []string{"Hi"}) {
		t.Fatalf("custom notifier not used: %v", seen)
	}
}

func TestStructure(t *testing.T) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "notify.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	ast.Inspect(file, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.SwitchStmt, *ast.TypeSwitchStmt:
			t.Errorf("notify.go still contains a switch at %s", fset.Position(n.Pos()))
		}
		return true
	})
	declared := map[string]bool{}
	for _, decl := range file.Decls {
		switch d := decl.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil {
				declared[d.Name.Name] = true
			}
		case *ast.GenDecl:
			for _, spec := range d.Specs {
				if ts, ok := spec.(*ast.TypeSpec); ok {
					declared[ts.Name.Name] = true
				}
			}
		}
	}
	if declared["Channel"] {
		t.Error("the Channel type must be removed")
	}
	if declared["SendAll"] {
		t.Error("SendAll must be replaced by Broadcast")
	}
}
