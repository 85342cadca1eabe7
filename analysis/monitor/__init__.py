"""Monitor: what the articles add up to. Acts and threats between pairs of countries, copies and
stories, figure scope and incidents, the tension index, spike tests and alerts delivered once."""
