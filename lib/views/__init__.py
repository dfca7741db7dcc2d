"""Views: builders that turn computed tables into altair charts and folium maps."""
