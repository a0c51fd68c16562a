/** Test classes outside the io.sharedcatalog namespace, so outside the default allow-list. */
package com.example.outside;
