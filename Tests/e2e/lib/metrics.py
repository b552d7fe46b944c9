#!/usr/bin/env python3
"""Reads optout-milter's counters for the end-to-end metrics case.

  metrics.py sample URL NAME LABEL=VALUE...   the value of one series in the exposition at URL
                                              (0 when absent: an unlabelled sum is never guessed)
  metrics.py sum URL NAME                     the sum over every series of counter NAME
  metrics.py query PORT PROMQL                the first value of an instant query to the
                                              Prometheus server on 127.0.0.1:PORT (empty if none)
Exit status 1 with a message when the endpoint does not answer.
"""
import json
import re
import sys
import urllib.parse
import urllib.request

SERIES = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)')
LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')


def exposition(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode()


def series(text, name):
    for line in text.splitlines():
        if line.startswith('#'):
            continue
        match = SERIES.match(line)
        if match and match.group(1) == name:
            yield dict(LABEL.findall(match.group(2) or '')), float(match.group(3))


def number(value):
    return str(int(value)) if value == int(value) else str(value)


def main(argv):
    try:
        if argv[0] == 'sample':
            wanted = dict(arg.split('=', 1) for arg in argv[3:])
            values = [v for labels, v in series(exposition(argv[1]), argv[2])
                      if all(labels.get(k) == w for k, w in wanted.items())]
            print(number(sum(values)) if len(values) <= 1 else 'ambiguous')
        elif argv[0] == 'sum':
            print(number(sum(v for _, v in series(exposition(argv[1]), argv[2]))))
        elif argv[0] == 'query':
            url = 'http://127.0.0.1:%s/api/v1/query?%s' % (argv[1], urllib.parse.urlencode({'query': argv[2]}))
            result = json.loads(exposition(url))['data']['result']
            print(result[0]['value'][1] if result else '')
        else:
            raise SystemExit('usage: metrics.py sample|sum|query ...')
    except OSError as error:
        print('metrics.py: %s' % error, file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
