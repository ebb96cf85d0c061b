"""What people receive: rules-used tables, HTML report, audit bundle, rule catalogue, diffs."""
