"""The cleaner inside data engines: a datatrove pipeline step (:mod:`.datatrove`), a Spark
``mapPartitions`` function and example job (:mod:`.spark`), a Scrapy item pipeline
(:mod:`.scrapy`); and a datatrove step grouping the cleaned documents into stories
(:mod:`.datatrove_stories`). Each imports its engine only when used: install ``cleaner[engines]``.

They clean pages the way the ``cleaner`` command does (:class:`cleaner.many.CleanWork`: the
same URL order, a page with no story dropped as a failure), so all of them give the command's
Articles for the same pages.
"""
