package com.example.outside;

import java.io.Serializable;

/**
 * Written by tests and renamed in the bytes to {@link GadgetReal}, a class of the same shape that
 * this JVM must never initialise.
 */
public final class GadgetTwin implements Serializable {
  private static final long serialVersionUID = 1L;
  public int payload = 7;
}
