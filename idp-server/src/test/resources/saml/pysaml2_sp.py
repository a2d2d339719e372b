#!/usr/bin/python3
"""An SP built on pysaml2 (which verifies and decrypts with xmlsec1), for Monban's interop tests.

Each call is one step, as JSON on stdout; the Java test carries the HTTP messages in between:
  metadata   print the SP's metadata (with EncryptionMethod elements when --encryption-methods)
  authn      build an AuthnRequest for the given binding; print where and what to send
  response   verify (and decrypt) a Response; print NameID, attributes, AuthnContext, SessionIndex
  logout     build a signed LogoutRequest (HTTP-Redirect) for a NameID and SessionIndex
  logout-response   verify a LogoutResponse (Redirect or POST); print its status
"""
import argparse
import base64
import json
import sys

from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT, xmldsig
from saml2.client import Saml2Client
from saml2.config import SPConfig
from saml2.metadata import entity_descriptor
from saml2.saml import NAMEID_FORMAT_PERSISTENT, NameID


def config(args):
    base = args.base
    sp = {
        "endpoints": {
            "assertion_consumer_service": [(base + "/acs", BINDING_HTTP_POST)],
            "single_logout_service": [(base + "/slo", BINDING_HTTP_REDIRECT)],
        },
        "authn_requests_signed": True,
        "logout_requests_signed": True,
        "want_assertions_signed": True,
        "want_response_signed": True,
        "want_assertions_or_response_signed": True,
        "allow_unsolicited": True,
        "name_id_format": NAMEID_FORMAT_PERSISTENT,
    }
    conf = {
        "entityid": base + "/sp",
        "key_file": args.key,
        "cert_file": args.cert,
        "encryption_keypairs": [{"key_file": args.key, "cert_file": args.cert}],
        "xmlsec_binary": "/usr/bin/xmlsec1",
        "service": {"sp": sp},
        "allow_unknown_attributes": True,
        "accepted_time_diff": 60,
    }
    if args.idp_metadata:
        conf["metadata"] = {"local": [args.idp_metadata]}
    c = SPConfig()
    c.load(conf)
    return c


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("command")
    parser.add_argument("--base", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--cert", required=True)
    parser.add_argument("--idp-metadata")
    parser.add_argument("--binding", default="redirect")
    parser.add_argument("--relay-state", default="")
    parser.add_argument("--message-file")
    parser.add_argument("--request-id")
    parser.add_argument("--name-id")
    parser.add_argument("--session-index")
    parser.add_argument("--encryption-methods", default="")
    args = parser.parse_args()
    conf = config(args)

    if args.command == "metadata":
        xml = str(entity_descriptor(conf))
        methods = [m for m in args.encryption_methods.split(",") if m]
        if methods:
            # pysaml2 writes none; an SP states its algorithms in the encryption KeyDescriptor.
            extra = "".join('<ns0:EncryptionMethod Algorithm="%s"/>' % m for m in methods)
            marker = 'use="encryption">'
            start = xml.index(marker)
            end = xml.index("</ns0:KeyDescriptor>", start)
            xml = xml[:end] + extra + xml[end:]
        print(json.dumps({"metadata": xml}))
        return

    client = Saml2Client(conf)
    idp = list(client.metadata.identity_providers())[0]

    if args.command == "authn":
        binding = BINDING_HTTP_POST if args.binding == "post" else BINDING_HTTP_REDIRECT
        destination = client.sso_location(idp, binding)
        sign_redirect = binding == BINDING_HTTP_REDIRECT
        req_id, req = client.create_authn_request(destination, binding=BINDING_HTTP_POST,
                                                  sign=not sign_redirect,
                                                  sign_alg=xmldsig.SIG_RSA_SHA256,
                                                  digest_alg=xmldsig.DIGEST_SHA256)
        info = client.apply_binding(binding, str(req), destination, relay_state=args.relay_state,
                                    sign=sign_redirect, sigalg=xmldsig.SIG_RSA_SHA256)
        out = {"request_id": req_id}
        if binding == BINDING_HTTP_REDIRECT:
            out["url"] = dict(info["headers"])["Location"]
        else:
            out["url"] = destination
            out["saml_request"] = base64.b64encode(str(req).encode("utf-8")).decode("ascii")
        print(json.dumps(out))
        return

    if args.command == "response":
        with open(args.message_file) as f:
            saml_response = f.read().strip()
        outstanding = {args.request_id: "/"} if args.request_id else {}
        resp = client.parse_authn_request_response(saml_response, BINDING_HTTP_POST, outstanding=outstanding)
        if resp is None:
            print(json.dumps({"ok": False}))
            sys.exit(1)
        statement = resp.assertion.authn_statement[0]
        print(json.dumps({
            "ok": True,
            "issuer": resp.issuer(),
            "name_id": resp.name_id.text,
            "name_id_format": resp.name_id.format,
            "attributes": resp.get_identity(),
            "authn_context": statement.authn_context.authn_context_class_ref.text,
            "session_index": statement.session_index,
            "in_response_to": resp.in_response_to,
            "encrypted": b"EncryptedAssertion" in base64.b64decode(saml_response),
        }))
        return

    if args.command == "logout":
        destination = client.metadata.single_logout_service(idp, BINDING_HTTP_REDIRECT, "idpsso")[0]["location"]
        name_id = NameID(format=NAMEID_FORMAT_PERSISTENT, text=args.name_id, sp_name_qualifier=conf.entityid)
        req_id, req = client.create_logout_request(destination, idp, name_id=name_id,
                                                   session_indexes=[args.session_index], sign=False)
        info = client.apply_binding(BINDING_HTTP_REDIRECT, str(req), destination, relay_state=args.relay_state,
                                    sign=True, sigalg=xmldsig.SIG_RSA_SHA256)
        print(json.dumps({"request_id": req_id, "url": dict(info["headers"])["Location"]}))
        return

    if args.command == "logout-response":
        with open(args.message_file) as f:
            message = f.read().strip()
        binding = BINDING_HTTP_POST if args.binding == "post" else BINDING_HTTP_REDIRECT
        resp = client.parse_logout_request_response(message, binding)
        if resp is None:
            print(json.dumps({"ok": False}))
            sys.exit(1)
        print(json.dumps({"ok": True, "status": resp.response.status.status_code.value,
                          "in_response_to": resp.response.in_response_to}))
        return

    raise SystemExit("unknown command " + args.command)


if __name__ == "__main__":
    main()
