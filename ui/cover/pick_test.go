package cover

import (
	"testing"

	"github.com/spotui/spotui/api"
)

func TestPickImage(t *testing.T) {
	spotify := []api.Image{
		{URL: "640", Width: 640, Height: 640},
		{URL: "300", Width: 300, Height: 300},
		{URL: "64", Width: 64, Height: 64},
	}
	unknown := []api.Image{{URL: "64", Width: 64, Height: 64}, {URL: "?", Width: 0, Height: 0}}
	tests := []struct {
		name       string
		images     []api.Image
		cols, rows int
		want       string
		ok         bool
	}{
		{"small cover fits 64", spotify, 30, 15, "64", true},
		{"exactly 64", spotify, 64, 32, "64", true},
		{"one column more", spotify, 65, 32, "300", true},
		{"height decides", spotify, 40, 33, "300", true},
		{"big", spotify, 300, 150, "300", true},
		{"bigger than 300", spotify, 301, 100, "640", true},
		{"bigger than all: largest", spotify, 1000, 500, "640", true},
		{"order does not matter", []api.Image{spotify[2], spotify[0], spotify[1]}, 100, 50, "300", true},
		{"unknown counts as large", unknown, 100, 50, "?", true},
		{"known fit beats unknown", unknown, 30, 15, "64", true},
		{"only unknown", []api.Image{{URL: "?"}}, 10, 5, "?", true},
		{"no URL is skipped", []api.Image{{Width: 640, Height: 640}, {URL: "64", Width: 64, Height: 64}}, 100, 50, "64", true},
		{"empty", nil, 30, 15, "", false},
	}
	for _, tt := range tests {
		got, ok := PickImage(tt.images, tt.cols, tt.rows)
		if ok != tt.ok || got.URL != tt.want {
			t.Errorf("%s: PickImage(%dx%d) = %q, %v; want %q, %v", tt.name, tt.cols, tt.rows, got.URL, ok, tt.want, tt.ok)
		}
	}
}
