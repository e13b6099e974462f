"""naober: software for a municipality's network of neighbourhood meeting places."""
