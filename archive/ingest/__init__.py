"""Raw pages and corpus records into clean articles. Only ``load`` writes."""
